/**
 * What a notebook link looks like, without the code that encodes or decodes one (./link-codec, which
 * brings fflate: its tables cost start-up time, so the page loads it only for a link or a share).
 */

/** Longest link text accepted: Chrome handles URLs up to 2 MB; other browsers and chat apps may cut sooner. */
export const MAX_LINK_CHARS = 2_000_000;
/** Largest notebook JSON a link may inflate to. */
export const MAX_LINK_JSON_BYTES = 16 * 1024 * 1024;

export const LINK_PARAM = 'nb';

/** Uploaded files up to this size travel inside the notebook (and its links) as text. */
export const INLINE_DATA_MAX_BYTES = 256 * 1024;
/** Trained weights up to this size (raw float32 bytes) travel inside the notebook (and its links). */
export const EMBED_WEIGHTS_MAX_BYTES = 512 * 1024;

export interface EncodedLink {
  /** `nb=…`, to append after `#`. */
  fragment: string;
  /** Characters in the fragment (what counts against URL limits). */
  chars: number;
  jsonBytes: number;
}

/**
 * The `nb=` payload from a full link, a `#nb=…` fragment or the bare `nb=…`; null when the text has
 * no notebook in it at all.
 */
export function findLinkPayload(text: string): string | null {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
  for (const part of fragment.split('&')) {
    if (part.startsWith(`${LINK_PARAM}=`)) return part.slice(LINK_PARAM.length + 1);
  }
  return null;
}
