import { Divider, Text } from '@mantine/core';
import classes from './Thread.module.css';

export function DaySeparator({ label }: { label: string }) {
  return (
    <Divider
      className={classes.day}
      role="separator"
      labelPosition="center"
      label={
        <Text size="xs" fw={600} c="dimmed" component="span">
          {label}
        </Text>
      }
    />
  );
}
