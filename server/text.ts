/** Escapes text for HTML bodies and attributes (mails, the dev outbox page). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
