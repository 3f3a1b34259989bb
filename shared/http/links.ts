/**
 * Links to the status page. The access token travels only in the fragment (`#token=`),
 * which browsers never send to a server, so it never reaches an access log.
 */
export function statusUrl(publicBaseUrl: string, caseNumber: string, accessToken?: string): string {
  const url = new URL('/status', publicBaseUrl);
  url.searchParams.set('case', caseNumber);
  if (accessToken) url.hash = `token=${encodeURIComponent(accessToken)}`;
  return url.toString();
}

/** The one-time link of a lost-token mail: the status page exchanges the grant (in the fragment) for a new token. */
export function accessLinkUrl(publicBaseUrl: string, caseNumber: string, grant: string): string {
  const url = new URL(statusUrl(publicBaseUrl, caseNumber));
  url.hash = `grant=${encodeURIComponent(grant)}`;
  return url.toString();
}
