import { onBeforeUnmount, onMounted } from 'vue';

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

/**
 * The paper of the page shown (`A4 landscape` for wide tables): an `@page` rule that lives
 * only while the component is mounted, so other pages keep the shared A4 portrait.
 */
export const usePageSize = (size: string, margin = '12mm'): void => {
  let style: HTMLStyleElement | null = null;
  onMounted(() => {
    style = document.createElement('style');
    style.dataset.pageSize = size;
    style.textContent = `@page { size: ${size}; margin: ${margin}; }`;
    document.head.append(style);
  });
  onBeforeUnmount(() => {
    style?.remove();
    style = null;
  });
};
