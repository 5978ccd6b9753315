/** Only same-site paths are followed after sign-in. */
export const safeRedirect = (value: unknown): string | null =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login')
    ? value
    : null;
