import { IconAt, IconPhone, IconUser } from '@tabler/icons-react';
import type { MessageContent } from '../../../../../core';
import { useT } from '../../../../i18n';
import classes from './Content.module.css';

export type ContactsValue = Extract<MessageContent, { kind: 'contacts' }>;

/** Shared contact cards, as plain text: numbers and addresses are the customer's words, never links. */
export function ContactsCard({ content }: { content: ContactsValue }) {
  const t = useT();
  return (
    <div data-content="contacts">
      {content.contacts.map((contact, i) => (
        <div key={i} className={classes.card}>
          <div className={classes.cardTitle}>
            <IconUser size={14} aria-hidden />
            {t('message.contacts.title')}
          </div>
          <div className={classes.name} dir="auto">
            {contact.name}
          </div>
          {contact.phones.map((phone, j) => (
            <div key={`p${j}`} className={classes.detail} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
              <IconPhone size={13} aria-label={t('contact.phone')} />
              <span dir="ltr">{phone}</span>
            </div>
          ))}
          {contact.emails.map((email, j) => (
            <div key={`e${j}`} className={classes.detail} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
              <IconAt size={13} aria-label={t('contact.email')} />
              <span>{email}</span>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
