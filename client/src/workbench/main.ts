/**
 * The analyst workbench (/workbench): GraphiQL 3 (CodeMirror 5, no web workers),
 * bundled by vite as its own page so that React and GraphiQL stay out of the Vue
 * app's bundle. Requests go to this origin's /graphql; the API decides what the
 * caller may read. Written with createElement: no JSX toolchain for one component.
 */
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/700.css';
import 'graphiql/style.css';
import './workbench.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { readToken } from '../apollo/token';

/** A partner's API key lives for this tab only (sessionStorage), never in localStorage. */
const partnerKeyStorage = 'lpm.workbench.partnerKey';

const readPartnerKey = (): string => sessionStorage.getItem(partnerKeyStorage)?.trim() ?? '';

/** The bearer credential of the next request: the partner key when given, else the app's session token. */
const credential = (): { token: string | null; source: 'partner' | 'session' | 'anonymous' } => {
  const key = readPartnerKey();
  if (key) return { token: key, source: 'partner' };
  const token = readToken();
  return token ? { token, source: 'session' } : { token: null, source: 'anonymous' };
};

const statusText = {
  partner: 'ส่งคำขอด้วย API key ที่วางไว้ (เก็บไว้เฉพาะแท็บนี้)',
  session: 'ส่งคำขอในนามบัญชีที่เข้าสู่ระบบในแอป',
  anonymous: 'ไม่ได้เข้าสู่ระบบและไม่มี API key: อ่านได้เฉพาะข้อมูลสาธารณะ',
} as const;

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const { token } = credential();
  if (token) headers.authorization = `Bearer ${token}`;
  // Headers typed into GraphiQL's Headers tab win over the ones above.
  for (const [name, value] of Object.entries(options?.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  return response.json();
};

const defaultQuery = `# ตัวอย่าง: บัญชีที่ใช้อยู่และรายชื่อจังหวัด
# กด ▶ หรือ Ctrl-Enter เพื่อเรียกใช้
# คำอธิบายฟิลด์ทั้งหมด: เปิด Docs ทางซ้าย
{
  viewer {
    account {
      displayName
      role
    }
  }
  provinces {
    id
    nameTh
  }
}
`;

const setUpPartnerKeyField = (): void => {
  const input = document.querySelector<HTMLInputElement>('#partner-key');
  const clear = document.querySelector<HTMLButtonElement>('#partner-key-clear');
  const status = document.querySelector<HTMLElement>('#auth-status');
  if (!input || !clear || !status) return;
  const showStatus = (): void => {
    status.textContent = statusText[credential().source];
  };
  input.value = readPartnerKey();
  input.addEventListener('input', () => {
    const key = input.value.trim();
    if (key) sessionStorage.setItem(partnerKeyStorage, key);
    else sessionStorage.removeItem(partnerKeyStorage);
    showStatus();
  });
  clear.addEventListener('click', () => {
    input.value = '';
    sessionStorage.removeItem(partnerKeyStorage);
    showStatus();
    input.focus();
  });
  showStatus();
};

/**
 * GraphiQL's CodeMirror editors type into unlabelled hidden textareas, and the result scrolls
 * in regions the keyboard cannot reach: name each editor for screen readers (WCAG 4.1.2) and let
 * its scrolling area be focused and scrolled with the arrow keys (WCAG 2.1.1), as GraphiQL renders them.
 */
const editorNames: [selector: string, name: string][] = [
  ['.graphiql-query-editor', 'คำสั่ง GraphQL (Query)'],
  ['.graphiql-editor-tool .graphiql-editor:nth-child(1)', 'ตัวแปร (Variables)'],
  ['.graphiql-editor-tool .graphiql-editor:nth-child(2)', 'ส่วนหัวของคำขอ (Headers)'],
  ['.graphiql-response', 'ผลลัพธ์ (Response)'],
];
const labelEditors = (root: HTMLElement): void => {
  for (const [selector, name] of editorNames)
    for (const textarea of root.querySelectorAll<HTMLTextAreaElement>(`${selector} .CodeMirror textarea`))
      if (!textarea.hasAttribute('aria-label')) textarea.setAttribute('aria-label', name);
  for (const [selector, name] of editorNames)
    for (const scroller of root.querySelectorAll<HTMLElement>(`${selector} .CodeMirror-scroll`))
      if (scroller.tabIndex !== 0) {
        scroller.tabIndex = 0;
        scroller.setAttribute('aria-label', name);
      }
};

setUpPartnerKeyField();
const container = document.querySelector<HTMLElement>('#graphiql');
if (container) {
  container.replaceChildren();
  new MutationObserver(() => labelEditors(container)).observe(container, { childList: true, subtree: true });
  createRoot(container).render(createElement(GraphiQL, { fetcher, defaultQuery }));
}
