import { request } from '../request'
import type { Attachment } from './petitions'

/** The content types the server accepts (checked again by magic bytes). */
export const kAttachmentTypes = ['image/jpeg', 'image/png', 'application/pdf']

/** The server's upload limit. */
export const kMaxAttachmentBytes = 10 * 1024 * 1024

/** Sends the file as the raw request body, its name in X-Filename. */
export function uploadAttachment(
  petitionId: number,
  file: File,
): Promise<Attachment> {
  return request<Attachment>(`/api/v1/petitions/${petitionId}/attachments`, {
    method: 'POST',
    raw: file,
    headers: { 'X-Filename': encodeURIComponent(file.name) },
  })
}

/** Where the browser downloads an attachment (same-origin cookie). */
export function attachmentUrl(id: number): string {
  return `/api/v1/attachments/${id}`
}
