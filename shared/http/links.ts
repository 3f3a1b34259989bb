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
