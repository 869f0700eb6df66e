/** ico-endec ships no types: the two functions the icon script and its test use. */
declare module "ico-endec" {
  export type IconEntry = {
    width: number;
    height: number;
    bitsPerPixel: number;
    imageType: "png" | "bmp";
    imageData: Buffer;
  };
  export function encode(images: (Buffer | ArrayBuffer)[]): Buffer;
  export function decode(data: Buffer | ArrayBuffer): IconEntry[];
}
