/** The help centre's address of an anchor (a section, a sub-heading or a question): /help#<id>. */
export const helpPath = (anchor: string): string => `/help#${anchor}`;
