export * from './filesystem-blob-store';
export * from './s3-blob-store';
