/**
 * Prints one part of a page: while printing, <body> carries `data-print="<part>"`
 * so the print stylesheet can hide everything else (see styles.css).
 */
export const printPart = (part: string): void => {
  document.body.dataset.print = part;
  const done = (): void => {
    delete document.body.dataset.print;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
};
