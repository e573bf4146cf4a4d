// Uploads and downloads of file and image fields (POST /files, GET /files/:id/content). Uploads go
// through XMLHttpRequest because fetch reports no upload progress; downloads are fetched with the
// caller's credential and handed out as Blobs, since an <img src> or <a href> cannot carry the
// bearer token the App may be signed in with.
import { ApiError } from './api-error.ts';
import type { Problem } from './types.ts';

/** An attached or just-uploaded file as a file field holds it. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface FileTransferOptions {
  token?: string;
  baseUrl?: string;
  /** The client's fetch (it adds the UI language's Accept-Language). */
  fetch: typeof fetch;
  /** Accept-Language for uploads (XMLHttpRequest does not go through `fetch`). */
  acceptLanguage?: string;
}

export function fileTransfer(options: FileTransferOptions) {
  const base = `${options.baseUrl ?? ''}/api/v1/files`;
  return {
    /** Sends the file's bytes; `onProgress` gets 0..1 as they leave. Refusals throw the server's problem. */
    upload(object: string, field: string, file: File, onProgress?: (fraction: number) => void): Promise<FileRef> {
      return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('POST', `${base}?object=${encodeURIComponent(object)}&field=${encodeURIComponent(field)}`);
        request.setRequestHeader('accept', 'application/json, application/problem+json');
        request.setRequestHeader('content-type', file.type || 'application/octet-stream');
        request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
        if (options.acceptLanguage) request.setRequestHeader('accept-language', options.acceptLanguage);
        if (options.token) request.setRequestHeader('authorization', `Bearer ${options.token}`);
        else request.withCredentials = true;
        request.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
        };
        request.onload = () => {
          const body = parseJson(request.responseText);
          if (request.status === 201 && body && typeof body === 'object') return resolve(body as FileRef);
          reject(new ApiError(asProblem(body, request.status, request.statusText)));
        };
        // The server closes the connection after refusing an oversized body; the problem may be lost with it.
        request.onerror = () => reject(new ApiError({ title: 'Network error', status: 0 }));
        request.send(file);
      });
    },
    /** The file's bytes, for a preview or a download. */
    async content(id: string): Promise<Blob> {
      const response = await options.fetch(`${base}/${encodeURIComponent(id)}/content`, {
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        credentials: options.token ? 'omit' : 'same-origin',
      });
      if (!response.ok) throw new ApiError(asProblem(parseJson(await response.text()), response.status, response.statusText));
      return response.blob();
    },
  };
}

export type FileTransfer = ReturnType<typeof fileTransfer>;

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asProblem(body: unknown, status: number, statusText: string): Problem {
  if (body && typeof body === 'object' && 'title' in body) return body as Problem;
  return { title: statusText || 'Request failed', status };
}
