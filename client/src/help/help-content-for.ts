import type { HelpContent, HelpSectionId } from './help-content';
import { helpContentEn } from './help-content.en';
import { helpContentTh } from './help-content.th';

/** The help content in the page's language (Thai unless English is chosen). */
export const helpContentFor = (locale: string): HelpContent =>
  locale === 'en' ? helpContentEn : helpContentTh;

/** A section's title in the page's language. */
export const helpSectionTitle = (locale: string, id: HelpSectionId): string =>
  helpContentFor(locale).sections.find((section) => section.id === id)?.title ?? '';

/**
 * The title of an anchor of the help centre: a section, a sub-heading of one, or a question;
 * empty when there is no such anchor (test/client/help.test.ts checks the forms' anchors).
 */
export const helpAnchorTitle = (locale: string, anchor: string): string => {
  const content = helpContentFor(locale);
  for (const section of content.sections) {
    if (section.id === anchor) return section.title;
    for (const block of section.blocks) if (block.kind === 'h3' && block.id === anchor) return block.text;
  }
  return content.faq.find((item) => item.id === anchor)?.question ?? '';
};
