/** The bare page: a server-rendered line of text, no client component of its own. */
export default function Page() {
  return <p>Bare page</p>;
}
