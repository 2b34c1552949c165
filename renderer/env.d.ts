/// <reference types="vite/client" />

/** The part of qrcode's API the kiosk uses (the package ships no types). */
declare module 'qrcode' {
  interface ToStringOptions {
    type: 'svg';
    margin?: number;
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  }
  const QRCode: { toString(text: string, options: ToStringOptions): Promise<string> };
  export default QRCode;
}
