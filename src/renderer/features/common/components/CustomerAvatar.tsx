import { Avatar, type MantineColor } from '@mantine/core';

const PALETTE: MantineColor[] = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'lime', 'violet', 'red', 'yellow'];

/** Up to two letters from the customer's name; names in any script work (the first code point of each word). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((w) => Array.from(w ?? '')[0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

/** The same name always gets the same colour, so an agent recognises a customer at a glance. */
export function colorFor(key: string): MantineColor {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? 'gray';
}

export interface CustomerAvatarProps {
  name: string;
  colorKey: string;
  size?: number;
}

export function CustomerAvatar({ name, colorKey, size = 36 }: CustomerAvatarProps) {
  return (
    <Avatar size={size} radius="xl" color={colorFor(colorKey)} variant="light" aria-hidden>
      {initialsOf(name) || '?'}
    </Avatar>
  );
}
