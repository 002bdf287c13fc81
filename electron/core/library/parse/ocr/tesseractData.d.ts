// The traineddata packages ship plain CommonJS without types: each exports where its files are.
declare module '@tesseract.js-data/*' {
  const data: { code: string; gzip: boolean; langPath: string };
  export default data;
}
