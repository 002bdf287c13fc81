import type * as PdfjsModule from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type Pdfjs = typeof PdfjsModule;
let loading: Promise<Pdfjs> | null = null;

/**
 * pdf.js, loaded the first time a PDF citation is opened (it is large and most screens never need it). Its worker is
 * a same-origin module script emitted by Vite, which the CSP's `worker-src 'self'` allows.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loading;
}
