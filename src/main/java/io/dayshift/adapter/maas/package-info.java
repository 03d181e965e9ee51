/**
 * The MAAS adapter: {@link io.dayshift.machine.MachineProvisioner} over the MAAS REST API 2.0 with
 * {@code java.net.http.HttpClient} and Jackson.
 *
 * <p>Each site's region URL is {@code dayshift.sites.<site>.maas.url} ({@code http://host:5240/MAAS}); the
 * adapter appends {@code /api/2.0/}. Its API key ({@code consumer_key:token_key:token_secret}, as printed by
 * {@code maas apikey}) is read through {@code dayshift.sites.<site>.maas.api-key} ({@code file:…} or
 * {@code env:…}) for every call, and sent as an OAuth 1.0a PLAINTEXT header; it is never logged.
 *
 * <table>
 * <caption>Settings, {@code dayshift.adapters.maas.*}</caption>
 * <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>connect-timeout</td><td>10s</td><td>TCP/TLS connect timeout</td></tr>
 * <tr><td>request-timeout</td><td>75s</td><td>whole-request timeout; MAAS's power query waits up to 60 s on the BMC</td></tr>
 * <tr><td>max-attempts</td><td>3</td><td>tries of one call while MAAS answers 503 (1–10)</td></tr>
 * <tr><td>retry-backoff</td><td>2s</td><td>wait before the second try (then 2×, 3×…) when MAAS sends no Retry-After</td></tr>
 * <tr><td>max-retry-delay</td><td>15s</td><td>upper bound of any wait between tries, whatever Retry-After says</td></tr>
 * <tr><td>output-tail-chars</td><td>4000</td><td>characters kept of the end of a failed script's output</td></tr>
 * </table>
 */
package io.dayshift.adapter.maas;
