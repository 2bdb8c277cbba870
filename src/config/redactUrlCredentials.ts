// `scheme://user:password@host`: the user information of any URL in a text, up to the `@` before the host.
const userInfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@"']+@/gi;

/**
 * The text with the user name and password of every URL in it replaced by `***`, so a proxy URL such as
 * `http://user:pass@proxy/api` can be shown (in an error, in a log) without its credentials.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(userInfo, '$1***@');
}
