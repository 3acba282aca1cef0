import type { ActionState } from '@/lib/cms/action';

// Shown instead of a not-found page when someone deleted the item while an editor was saving
// it: the editor still gets the message and everything they typed.
export function GoneItem({ flash, kind, listHref }: { flash: ActionState; kind: string; listHref: string }) {
  const typed = Object.entries(flash.values ?? {}).filter(([k, v]) => !['id', 'version', 'intent'].includes(k) && v.trim() !== '');
  return (
    <main>
      <h1>This {kind} no longer exists</h1>
      <p role="alert" className={`notice notice-${flash.status}`}>
        {flash.message ?? `The ${kind} was deleted while you were editing it.`} Nothing was saved. Your text is below.
      </p>
      {typed.map(([name, value]) => (
        <div className="field" key={name}>
          <label htmlFor={`kept-${name}`}>{name}</label>
          <textarea id={`kept-${name}`} readOnly rows={Math.min(16, value.split('\n').length + 1)} defaultValue={value} />
        </div>
      ))}
      <p>
        <a href={listHref}>Back to the list</a>
      </p>
    </main>
  );
}
