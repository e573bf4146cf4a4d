// Attached files as the App shows them (list cells, the record page, the form): each file's name as
// a download link with its size; an image as a thumbnail (larger on the record page) that opens
// the full image. Bytes are fetched with the session's credential (file-transfer.ts) because an
// <img src> cannot send the bearer token; the href stays the API URL so "open in new tab" works
// for cookie sessions.
import { useEffect, useState } from 'react';
import type { FileRef } from '../api/index.ts';
import { useSession } from '../shell/session.tsx';
import { fileRefsOf, formatFileSize } from './file-size.ts';

const contentUrl = (id: string) => `/api/v1/files/${encodeURIComponent(id)}/content`;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function FileValues(props: { value: unknown; size?: 'small' | 'large' }) {
  const files = fileRefsOf(props.value);
  if (files.length === 0) return null;
  return (
    <span className="file-values">
      {files.map((file) => (
        <FileItem key={file.id} file={file} size={props.size ?? 'small'} />
      ))}
    </span>
  );
}

export function FileItem(props: { file: FileRef; size: 'small' | 'large' }) {
  const { file } = props;
  const { language } = useSession();
  return (
    <span className="file-item" data-file-id={file.id}>
      {IMAGE_TYPES.has(file.contentType) ? <Thumbnail file={file} size={props.size} /> : null}
      <DownloadLink file={file} />
      <span className="muted file-size"> ({formatFileSize(file.size, language)})</span>
    </span>
  );
}

function DownloadLink(props: { file: FileRef }) {
  const { client, messages } = useSession();
  const { file } = props;
  const download = async () => {
    const blob = await client.files.content(file.id);
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = file.name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // The click has handed the bytes to the browser's download; the URL may go a moment later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <a
      href={contentUrl(file.id)}
      className="file-link"
      title={messages.fileDownload}
      onClick={(event) => {
        event.preventDefault();
        void download().catch(() => undefined);
      }}
    >
      {file.name}
    </a>
  );
}

function Thumbnail(props: { file: FileRef; size: 'small' | 'large' }) {
  const { client, messages } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let current: string | null = null;
    let live = true;
    client.files.content(props.file.id).then(
      (blob) => {
        if (!live) return;
        current = URL.createObjectURL(blob);
        setUrl(current);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (current) URL.revokeObjectURL(current);
    };
  }, [client, props.file.id]);
  if (!url) return <span className={`file-thumbnail file-thumbnail-${props.size} loading`} />;
  return (
    <a href={url} target="_blank" rel="noreferrer" title={messages.fileOpenImage} className="file-thumbnail-link">
      <img src={url} alt={props.file.name} className={`file-thumbnail file-thumbnail-${props.size}`} />
    </a>
  );
}
