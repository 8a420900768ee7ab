/** Links to the credit and series tools, shown on a work page to its creators only. */
export function CreatorTools({ workId, canEdit }: { workId: number; canEdit: boolean }) {
  if (!canEdit) return null;
  return (
    <ul class="actions" aria-label="Creator tools">
      <li><a class="button" href={`/works/${workId}/series`}>Add to series</a></li>
      <li><a class="button" href={`/works/${workId}/invite`}>Invite a co-creator</a></li>
      <li><a class="button button-danger" href={`/works/${workId}/orphan`}>Orphan this work</a></li>
    </ul>
  );
}
