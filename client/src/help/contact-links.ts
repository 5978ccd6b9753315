/*
 * NACC's contact channels as links, without Vue (tested in test/client/help.test.ts). The server
 * validated them (server/modules/help/contact-rules.ts); links are still built defensively: only
 * https addresses become links, a phone becomes a tel: link of its digits.
 */

export type ContactChannelsData = {
  phone?: string | null;
  email?: string | null;
  lineId?: string | null;
  lineUrl?: string | null;
  officeHours?: string | null;
  complaintUrl?: string | null;
};

const given = (value: string | null | undefined): value is string => !!value && value.trim() !== '';

/** True when NACC has set any way to reach its help desk (the complaint channel is not one). */
export const hasContact = (channels: ContactChannelsData | null | undefined): boolean =>
  !!channels &&
  [channels.phone, channels.email, channels.lineId, channels.lineUrl, channels.officeHours].some(given);

/** The address when it is https, else null (never a javascript: or http link). */
export const httpsOnly = (url: string | null | undefined): string | null => {
  if (!given(url)) return null;
  try {
    return new URL(url.trim()).protocol === 'https:' ? url.trim() : null;
  } catch {
    return null;
  }
};

/**
 * A tel: link: the number's digits (a leading + kept), and an extension after a comma (a pause,
 * which phones dial after the call connects): "02-528-4800 ต่อ 3408" → tel:025284800,3408.
 */
export const telHref = (phone: string | null | undefined): string | null => {
  if (!given(phone)) return null;
  const [number, extension] = phone.split(/ต่อ|ext\.?/i);
  const digits = number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  if (!/\d/.test(digits)) return null;
  const ext = extension?.replace(/\D/g, '');
  return `tel:${digits}${ext ? `,${ext}` : ''}`;
};

export const mailtoHref = (email: string | null | undefined): string | null =>
  given(email) ? `mailto:${email.trim()}` : null;

/**
 * Where the LINE channel opens: NACC's own link when set, else one made from the LINE ID
 * (an official account "@id" opens as /ti/p/@id, a personal ID as /ti/p/~id).
 */
export const lineHref = (channels: ContactChannelsData): string | null => {
  const url = httpsOnly(channels.lineUrl);
  if (url) return url;
  if (!given(channels.lineId)) return null;
  const id = channels.lineId.trim();
  return `https://line.me/R/ti/p/${id.startsWith('@') ? `@${encodeURIComponent(id.slice(1))}` : `~${encodeURIComponent(id)}`}`;
};
