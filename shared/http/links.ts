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

/**
 * The staff console opened on one case (the assignment and other staff mails). The
 * console, not the API path: a browser following a mail link sends no token, and the
 * console keeps `?case=` across the sign-in before it asks the API for the case.
 */
export function staffCaseUrl(publicBaseUrl: string, caseNumber: string): string {
  const url = new URL('/staff', publicBaseUrl);
  url.searchParams.set('case', caseNumber);
  return url.toString();
}
