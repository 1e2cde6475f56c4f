import { useEffect, useState } from 'react';
import type { LintItem } from '../../modeler/lint-issues.js';
import { DiffView } from '../publish/DiffView.js';
import { PublishDialog } from '../publish/PublishDialog.js';

/** The publish dialog with the diagram's diff against the last publication. */
export function PublishProcessDialog(props: { docKey: string; lint: LintItem[]; currentXml: () => Promise<string>; onClose(): void; onPublished(n: number): void }) {
  const [xml, setXml] = useState<string>();
  // The XML is taken once, when the dialog opens: that is what gets published.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void props.currentXml().then(setXml), []);
  return (
    <PublishDialog
      kind="processes"
      docKey={props.docKey}
      lint={props.lint}
      renderDiff={(last) => (xml ? <DiffView oldXml={last} newXml={xml} /> : null)}
      onClose={props.onClose}
      onPublished={props.onPublished}
    />
  );
}
