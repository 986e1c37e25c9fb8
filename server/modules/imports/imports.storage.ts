/** Where uploaded import files are kept (under the upload directory), so the commit job reads them again. */
import path from 'node:path';

export function importDir(uploadDir: string): string {
  return path.join(uploadDir, 'imports');
}

export function storedPath(uploadDir: string, storedName: string): string {
  return path.join(importDir(uploadDir), path.basename(storedName));
}
