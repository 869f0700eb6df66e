/**
 * The bare page's layout: nothing but the document. Plain JavaScript, so that building it
 * writes no tsconfig.json here (scripts/bench/bare-page.ts builds it).
 */
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
