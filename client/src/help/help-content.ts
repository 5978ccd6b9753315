/*
 * The shape of the help centre's content (help-content.th.ts, help-content.en.ts): plain data,
 * rendered as text by views/help/help-view.vue (never as HTML), one stable anchor per section so
 * the forms' context help links (components/help-link.vue) can open the right one.
 */

/** The sections' anchors: stable, used in /help#<id> links from the forms. Never rename one. */
export const helpSectionIds = [
  'sign-in',
  'find-code',
  'record-projects',
  'import-plan',
  'report-rounds',
  'request-extension',
  'contact',
  'faq',
] as const;

export type HelpSectionId = (typeof helpSectionIds)[number];

/** One piece of a section: a paragraph, numbered steps, a list, a note, or a sub-heading with its own anchor. */
export type HelpBlock =
  | { kind: 'p'; text: string }
  | { kind: 'steps'; items: string[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'note'; text: string }
  | { kind: 'h3'; id: string; text: string };

/** A page of the app the section points to (an address inside the app). */
export type HelpPageLink = { to: string; label: string };

export type HelpSection = {
  id: HelpSectionId;
  title: string;
  blocks: HelpBlock[];
  links: HelpPageLink[];
};

/** Where a question comes from: the legacy manuals (seed 002, seed 004 §12) or this system. */
export type FaqSource = 'seed-002' | 'seed-004' | 'new';

export type FaqItem = {
  /** Stable anchor of the question (faq-…). */
  id: string;
  question: string;
  /** Paragraphs of the answer. */
  answer: string[];
  source: FaqSource;
  /** True when the answer differs from the legacy manual's (docs/domain-decisions.md says why). */
  adapted: boolean;
  /** The section that explains more. */
  section?: HelpSectionId;
  /** Show the level thresholds (read from the API) under the answer. */
  levels?: boolean;
};

export type HelpContent = {
  sections: HelpSection[];
  faq: FaqItem[];
};
