// How the floor server finds the recorded response for a request: the URL plus the request
// headers that select a representation.
export function recordingKey(url: string, accept: string | undefined, conditional: boolean): string {
  return `${conditional ? 'INM ' : ''}${accept ?? '*/*'} ${url}`;
}
