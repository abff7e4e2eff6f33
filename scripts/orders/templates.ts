/**
 * Hand-written message templates for the order-number evaluation set (see make-eval.ts). Slots: `{{Order Number}}`
 * (the only one that is an order number), `{{Invoice Number}}`, `{{Price}}`, `{{Phone}}`, `{{Tracking Number}}`,
 * `{{Date}}`, `{{Time}}`, `{{Postal Address}}`, `{{Quantity}}`, `{{Person Name}}`. They include phrasings the
 * detector is known to miss (`j'ai passé commande hier, numéro …`), so the figures are not flattered.
 */

/** French messages, as customers write them on WhatsApp or Instagram (accents sometimes dropped). */
export const FRENCH_TEMPLATES: readonly string[] = [
  'Bonjour, où en est ma commande {{Order Number}} ?',
  'où en est la cde {{Order Number}} svp',
  "Je n'ai toujours pas reçu la commande n° {{Order Number}}",
  'je voudrais annuler ma commande {{Order Number}}, merci',
  'Commande {{Order Number}} : il manque un article dans le colis',
  'Numéro de commande : {{Order Number}}. Le vase est arrivé cassé.',
  "Pouvez-vous changer l'adresse de livraison de la commande {{Order Number}} ? Nouvelle adresse : {{Postal Address}}",
  'ma commande {{Order Number}} est arrivée abîmée, je peux avoir un échange ?',
  "Bonjour, c'est {{Person Name}}, ma commande c'est la {{Order Number}}",
  'Je vous écris au sujet de ma commande N°{{Order Number}} passée le {{Date}}',
  "j'ai passé commande hier, numéro {{Order Number}}, toujours rien",
  'Ref commande {{Order Number}} - pas de mail de confirmation',
  'La commande {{Order Number}} et la facture {{Invoice Number}} ne correspondent pas',
  'Est-ce que je peux ajouter une bougie à ma commande {{Order Number}} ?',
  'bjr ma comande {{Order Number}} na pas été livrée',
  'Salut ! Toujours pas de nouvelles de la commande {{Order Number}} 😕',
  'Vous pouvez me rappeler au {{Phone}} pour la commande {{Order Number}} ?',
  "J'ai payé {{Price}} pour la commande {{Order Number}} mais on m'a débité deux fois",
  // Messages with other numbers and no order number.
  'Je voudrais recevoir la facture {{Invoice Number}} par mail',
  "Je n'ai pas reçu mon remboursement de {{Price}}",
  'Mon numéro de téléphone : {{Phone}}',
  'vous pouvez me joindre au {{Phone}} après {{Time}}',
  "J'ai commandé {{Quantity}} bougies le {{Date}} et rien reçu",
  'Le colis {{Tracking Number}} est bloqué depuis une semaine',
  'Numéro de suivi : {{Tracking Number}}',
  'Livraison au {{Postal Address}} svp',
  "C'est combien la livraison pour {{Quantity}} articles ? J'ai vu {{Price}} sur le site",
  'Je serai absent le {{Date}}, vous livrez avant {{Time}} ?',
  'Bonjour, je voudrais commander {{Quantity}} vases en céramique',
  'Le remboursement {{Invoice Number}} a été fait ?',
];

/**
 * English sentences appended to some Bitext rows, so precision is measured against the numbers customers write
 * next to (or instead of) an order number.
 */
export const ENGLISH_DISTRACTORS: readonly string[] = [
  'You can reach me at {{Phone}}.',
  'My phone number is {{Phone}}',
  'I paid {{Price}}.',
  'It was {{Price}} in total',
  'tracking {{Tracking Number}}',
  'The tracking number is {{Tracking Number}}.',
  'I ordered it on {{Date}}.',
  'Call me after {{Time}} please',
  'My address is {{Postal Address}}.',
  'I bought {{Quantity}} items.',
  'see my bill {{Invoice Number}}',
  'invoice {{Invoice Number}} is attached',
  'support ticket #{{Quantity}}{{Quantity}}{{Quantity}}',
  'This is {{Person Name}}.',
];
