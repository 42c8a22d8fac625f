// pdfjs-dist ships no types for its worker module; the importer only hands the module to pdfjs (`pdfjsWorker`).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
