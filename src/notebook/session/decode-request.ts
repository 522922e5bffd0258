/**
 * What the notebook decode worker does with one request (plain, so Node tests run it without a worker). A module
 * of its own: it imports the link decoder (and fflate) statically, which only the worker should load.
 */
import { decodeNotebookLink } from '../share/link-codec';
import { parseStored, type DecodeRequest, type DecodeResponse } from './decoder';

export function handleDecodeRequest(request: DecodeRequest): DecodeResponse {
  try {
    return { id: request.id, result: request.kind === 'link' ? decodeNotebookLink(request.text) : parseStored(request.text) };
  } catch (error) {
    // The decoders return refusals for bad input; anything thrown is a bug, reported as a refusal with its message.
    const message = `It could not be read (${error instanceof Error ? error.message : String(error)}).`;
    return { id: request.id, result: { ok: false, code: 'decode_failed', message, errors: [message] } };
  }
}
