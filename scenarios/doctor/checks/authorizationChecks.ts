/**
 * Registration, authorization and token endpoints without a person signing in:
 * AUTH-12, AS-07, CLIENT-*-01  each real client registers with exactly its own metadata
 * AS-04, AS-03, AUTH-12       the authorization request a client sends (resource, S256) goes on
 * AS-03                       PKCE plain is refused (SHOULD)
 * AS-04                       a made-up code with resource fails invalid_grant, not invalid_target
 * REV26-05                    an authorization response back to the client carries iss (RFC 9207)
 * A gateway offering only Client ID Metadata Documents cannot be registered at by the doctor (it
 * cannot host a document the target could fetch): those checks do not apply, they are not passed.
 */
import { jsonOf } from '../../../wire/jsonRpcMessages.ts';
import type { DoctorCheck, Evidence, Outcome } from '../doctorCheck.ts';
import { backToClient, refusal } from '../probes/authorizationAnswer.ts';
import { asMetadataOf } from '../probes/discovery.ts';
import { DOCTOR_CLIENTS, registrationProbeName, type DoctorClient } from '../probes/doctorClients.ts';
import { RULES } from '../spec/specRules.ts';

/** Why there is nothing to judge, or undefined when a client registered. */
function noClient(e: Evidence): string | undefined {
  if (e.registered.length) return undefined;
  const metadata = asMetadataOf(e.session.discovery);
  if (!metadata) return 'no authorization server metadata answered';
  if (!metadata.registration_endpoint) return metadata.client_id_metadata_document_supported ? 'needs a registered client; this server offers only Client ID Metadata Documents' : 'no way to register a client';
  return 'no client could register, so no authorization request could be made';
}

function registrationCheck(client: DoctorClient): DoctorCheck {
  return {
    id: registrationProbeName(client),
    title: `Dynamic registration accepts ${client.name}'s registration as ${client.name} sends it`,
    requirementIds: ['AUTH-12', 'AS-07', client.requirementId],
    rules: [RULES.realCallbacks],
    needs: ['registration'],
    fix: `Accept ${client.name}'s registration (RFC 7591): its callback${client.metadata.redirect_uris.length > 1 ? 's' : ''} ${client.metadata.redirect_uris.join(', ')}${typeof client.metadata.application_type === 'string' ? ` and application_type "${client.metadata.application_type}"` : ''}.`,
    evaluate(e): Outcome {
      const metadata = asMetadataOf(e.session.discovery);
      if (!metadata?.registration_endpoint) return { notApplicable: metadata ? 'no registration endpoint' : 'no authorization server metadata answered' };
      const answer = e.byProbe(registrationProbeName(client))[0];
      if (!answer) return { pass: false, details: 'the registration request got no answer' };
      const body = (jsonOf(answer.response.body) ?? {}) as { client_id?: unknown; error?: string; error_description?: string };
      const ok = answer.response.status >= 200 && answer.response.status < 300 && typeof body.client_id === 'string';
      return { pass: ok, details: `${client.metadata.redirect_uris.join(', ')} → ${answer.response.status}${body.error ? ` ${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : ''}` };
    },
  };
}

export const authorizationChecks: readonly DoctorCheck[] = [
  ...DOCTOR_CLIENTS.map(registrationCheck),
  {
    id: 'authorize-accepted',
    title: 'The authorization request a client sends (resource, PKCE S256, its callback) goes on to sign-in',
    requirementIds: ['AS-04', 'AS-03', 'AUTH-12'],
    rules: [RULES.resourceParameter],
    needs: ['registration', 'authorization'],
    fix: 'Accept resource (= the MCP URL) and PKCE S256 on the authorization endpoint for a registered redirect URI; list the MCP URL as a resource your authorization server issues tokens for.',
    evaluate(e) {
      const none = noClient(e);
      if (none) return none.startsWith('no client could') ? { pass: false, details: none } : { notApplicable: none };
      const records = e.authorization.authorizations.filter((a) => a.method === 'S256');
      if (records.length === 0) return { pass: false, details: 'no authorization request was answered' };
      const refused = records.map((r) => ({ r, why: r.failed ?? refusal(r.answer) })).filter((x) => x.why);
      return {
        pass: refused.length === 0,
        details: refused.length
          ? refused.map(({ r, why }) => `${r.client.name} (${r.redirectUri}): ${why}`).join('; ')
          : records.map((r) => `${r.client.name} → ${r.status}${r.answer.next ? ` → ${r.answer.next.origin}${r.answer.next.pathname}` : ''}`).join(', '),
      };
    },
  },
  {
    id: 'pkce-plain-refused',
    title: 'An authorization request with PKCE plain is refused',
    requirementIds: ['AS-03'],
    rules: [RULES.pkcePlain],
    needs: ['registration', 'authorization'],
    fix: 'Refuse code_challenge_method=plain; require S256.',
    evaluate(e) {
      const none = noClient(e);
      if (none) return { notApplicable: none };
      const plain = e.authorization.authorizations.find((a) => a.method === 'plain');
      const s256 = e.authorization.authorizations.find((a) => a.method === 'S256' && a.client === plain?.client);
      if (!plain) return { notApplicable: 'not probed' };
      if (s256 && refusal(s256.answer)) return { notApplicable: `the S256 request was refused too (${refusal(s256.answer)}), so this one proves nothing about plain` };
      const why = refusal(plain.answer);
      return { pass: Boolean(why), details: why ?? `went on (${plain.status}${plain.answer.next ? ` → ${plain.answer.next.origin}${plain.answer.next.pathname}` : ''})` };
    },
  },
  {
    id: 'token-resource-accepted',
    title: 'The token endpoint accepts resource (a made-up code fails invalid_grant, not invalid_target)',
    requirementIds: ['AS-04'],
    rules: [RULES.resourceParameter],
    needs: ['registration', 'token-endpoint'],
    fix: 'Accept the RFC 8707 resource parameter (the MCP URL) at the token endpoint and put it in the token\'s audience; do not answer invalid_target.',
    evaluate(e) {
      const none = noClient(e);
      if (none) return { notApplicable: none };
      const answer = e.authorization.tokenAnswer;
      if (!answer || answer.failed) return { pass: false, details: answer?.failed ?? 'the token endpoint was not probed' };
      const error = typeof answer.json?.error === 'string' ? answer.json.error : undefined;
      const description = typeof answer.json?.error_description === 'string' ? `: ${answer.json.error_description}` : '';
      return { pass: error !== 'invalid_target' && answer.status >= 400, details: `${answer.status} ${error ?? answer.text.slice(0, 120)}${description}` };
    },
  },
  {
    id: 'iss-in-authorization-response',
    title: 'Authorization responses back to the client carry iss (RFC 9207)',
    requirementIds: ['REV26-05'],
    rules: [RULES.issInResponse],
    needs: ['registration', 'authorization'],
    fix: 'Add iss=<your issuer> to every authorization response (code and error) and advertise authorization_response_iss_parameter_supported: true.',
    evaluate(e) {
      const none = noClient(e);
      if (none) return { notApplicable: none };
      const back = e.authorization.authorizations.filter((a) => backToClient(a.answer, a.redirectUri));
      if (back.length === 0) return { notApplicable: 'every authorization request went on to sign-in; a signed-in run sees the response' };
      const issuer = e.session.discovery.issuer;
      const missing = back.filter((a) => a.answer.params.get('iss') !== issuer);
      return { pass: missing.length === 0, details: back.map((a) => `${a.client.name} (${a.method}): iss=${a.answer.params.get('iss') ?? '(absent)'}`).join('; ') + `; issuer ${issuer}` };
    },
  },
];
