import { UnstyledButton } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import { useT } from '../../../i18n';
import classes from './Orders.module.css';

/** An order number written in a message: a button that opens the order in the Orders panel. */
export function OrderChip(props: { label: string; number: string; onOpen(number: string): void }) {
  const t = useT();
  return (
    <UnstyledButton
      component="span"
      role="button"
      tabIndex={0}
      className={classes.chip}
      aria-label={t('orders.openOrder', { number: props.number })}
      data-order-chip={props.number}
      onClick={() => props.onOpen(props.number)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onOpen(props.number);
        }
      }}
    >
      <IconPackage size={12} aria-hidden className={classes.chipIcon} />
      {props.label}
    </UnstyledButton>
  );
}
