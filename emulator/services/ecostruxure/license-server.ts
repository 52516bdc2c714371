import { inTransaction, type CoreContext } from '../../kernel/context';
import { conflict, Problem, ruleBroken } from '../../kernel/problems';
import { requireObject, requireUuid } from '../../kernel/validate';
import { fileLine, move } from './device-administrator';
import { licenseFile, readLicenseFile } from './license-files';
import { ecoStruxureStore } from './store';
import { licenseView } from './views';

const unknownRequest = (requestId: string, field?: string) =>
  new Problem(
    404,
    'license-request-not-found',
    `The License Activation Server knows no request ${requestId}; create the request file in Device Administrator.`,
    field,
  );

/**
 * The License Activation Server takes a request file uploaded from a computer on the Internet and
 * gives back its response file. Uploading the same request again gives the same response.
 */
export function answerRequestFile(ctx: CoreContext, body: unknown) {
  const content = readLicenseFile(requireObject(body, 'body').file, 'file', 'request');
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const request = store.request(content.requestId);
    if (!request || request.kind !== content.kind) throw unknownRequest(content.requestId, 'file.content');
    if (
      content.licenses
        .map((l) => l.licenseId)
        .sort()
        .join(',') !== [...request.licenseIds].sort().join(',')
    ) {
      throw ruleBroken(
        'request-file-altered',
        'The licenses in this request file differ from those Device Administrator wrote; create a new request file.',
        'file.content',
      );
    }
    const at = ctx.clock.now();
    if (!request.answeredAt) {
      const type = request.kind === 'activation' ? 'ANSWER_ACTIVATION' : 'ANSWER_RETURN';
      for (const id of request.licenseIds) move(store, store.license(id)!, { type, requestId: request.requestId, at });
      store.markRequest(request.requestId, 'answered_at', at);
    }
    const server = store.server(request.serverId)!;
    return licenseFile(
      'response',
      request,
      server,
      request.licenseIds.map((id) => fileLine(store.license(id)!)),
      request.answeredAt ?? at,
    );
  });
}

/** Confirming an offline return frees the returned seats for assignment and activation elsewhere. */
export function confirmReturn(ctx: CoreContext, requestId: string) {
  const id = requireUuid(requestId, 'requestId');
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const request = store.request(id);
    if (!request) throw unknownRequest(id);
    if (request.kind !== 'return') throw conflict('not-a-return', `Request ${id} is an activation request; only returns are confirmed.`);
    const at = ctx.clock.now();
    const returned = request.licenseIds.map((licenseId) => move(store, store.license(licenseId)!, { type: 'CONFIRM_RETURN', requestId: id, at }));
    store.markRequest(id, 'confirmed_at', at);
    return { requestId: id, returned: returned.map((l) => licenseView(store, l)) };
  });
}
