import { describe, expect, it } from 'vitest';
import { ContactCard } from '../../../../src/renderer/features/contact/components/ContactCard';
import { contact, NOW } from '../../test-utils/fixtures';
import { render, screen } from '../../test-utils/render';

describe('ContactCard', () => {
  it('shows name, channel, handle, phone, email, language and customer since', () => {
    const c = contact({
      name: 'Amélie Laurent',
      channel: 'whatsapp',
      handle: '+33612345678',
      phone: '+33612345678',
      email: 'amelie@example.fr',
      locale: 'fr',
      createdAt: new Date(2024, 0, 15).getTime(),
    });
    render(<ContactCard contact={c} channel="whatsapp" fallbackName="Unknown customer" />);
    expect(screen.getByRole('heading', { name: 'Amélie Laurent' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'WhatsApp' })).toBeTruthy();
    expect(screen.getAllByText('+33612345678')).toHaveLength(2);
    expect(screen.getByText('amelie@example.fr')).toBeTruthy();
    expect(screen.getByText('French')).toBeTruthy();
    expect(screen.getByText('Customer since')).toBeTruthy();
    expect(screen.getByText('January 15, 2024')).toBeTruthy();
  });

  it('leaves out what the customer never gave', () => {
    render(
      <ContactCard
        contact={contact({ channel: 'instagram', handle: 'ig_9921', phone: null, email: null, createdAt: NOW })}
        channel="instagram"
        fallbackName="Unknown customer"
      />,
    );
    expect(screen.getByText('ig_9921')).toBeTruthy();
    expect(screen.queryByText('Phone')).toBeNull();
    expect(screen.queryByText('Email')).toBeNull();
  });

  it('still names the channel before the contact has synced', () => {
    render(<ContactCard contact={undefined} channel="messenger" fallbackName="Unknown customer" />);
    expect(screen.getByRole('heading', { name: 'Unknown customer' })).toBeTruthy();
    expect(screen.getByText('Messenger')).toBeTruthy();
    expect(screen.getByText('No contact details yet.')).toBeTruthy();
  });

  it('wraps an 80-character name without spaces and clips stacked combining marks, with the full name as title', () => {
    const long = 'N'.repeat(80);
    const { unmount } = render(<ContactCard contact={contact({ name: long })} channel="whatsapp" fallbackName="?" />);
    const heading = screen.getByRole('heading', { name: long });
    expect(heading.getAttribute('title')).toBe(long);
    expect(heading.style.overflowWrap).toBe('anywhere');
    expect(heading.style.maxWidth).toBe('100%');
    unmount();

    const zalgo = `Z${'\u0301\u0302\u0303\u0304'.repeat(10)}oé`;
    render(<ContactCard contact={contact({ name: zalgo })} channel="whatsapp" fallbackName="?" />);
    expect(screen.getByRole('heading', { name: zalgo }).style.overflow).toBe('hidden');
  });
});
