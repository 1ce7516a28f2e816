/**
 * The blob key of a document: content-addressed within its complaint. Two complaints holding the
 * same file each keep their own copy, so erasing one complaint's documents never deletes bytes
 * another complaint still needs; within a complaint the same bytes attached twice are stored once.
 */
export function documentBlobKey(complaintId: string, sha256: string): string {
  return `complaints/${complaintId}/${sha256}`;
}
