import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, ErrorSummary, Field, type FormErrors, mutationErrors, noErrors, onlyFields } from '../components/forms';
import { ImportPartnerDirectoryDocument, type ImportPartnerDirectoryMutation } from '../graphql/generated';

/** The API's limit on a document (ImportPartnerDirectoryInput.document). */
const MAX = 80_000;

/** An administrator imports an Open Referral UK directory (pasted, or read from a file here), and sees what it did. */
export function PartnerDirectory() {
  const [directory, setDirectory] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [report, setReport] = useState<ImportPartnerDirectoryMutation['importPartnerDirectory'] | null>(null);
  const [importDirectory, { loading }] = useMutation(ImportPartnerDirectoryDocument);
  const labels = { document: 'The directory (JSON)', file: 'Or choose a file' };

  // The file is read in the browser and sent as the same text: nothing is uploaded anywhere else.
  const read = async (file: File | undefined) => {
    if (!file) return;
    setDirectory(await file.text());
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setReport(null);
    const text = directory.trim();
    let problem: string | null = null;
    if (!text) problem = 'Paste the directory, or choose its file';
    else if (text.length > MAX) problem = `The directory is too long: at most ${MAX.toLocaleString('en-GB')} characters`;
    else {
      try {
        JSON.parse(text);
      } catch {
        problem = 'The directory is not JSON: check it is the whole document, { "organizations": [...] }';
      }
    }
    if (problem) return setErrors({ ...noErrors, fields: { document: problem } });
    try {
      const { data } = await importDirectory({ variables: { document: text } });
      setErrors(noErrors);
      setReport(data?.importPartnerDirectory ?? null);
    } catch (err) {
      setErrors(onlyFields(mutationErrors(err, 'The directory could not be imported. Try again.'), labels));
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <h1 className="govuk-heading-l">Partner directory</h1>
      <p className="govuk-body">
        Import an Open Referral UK directory into your partner organisations. Each organisation is matched by its id, so importing again updates them. A record
        that is refused does not stop the others.
      </p>
      {report && (
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h2 className="govuk-panel__title">Directory imported</h2>
          <div className="govuk-panel__body">
            {report.created} created, {report.updated} updated, {report.unchanged} unchanged
          </div>
        </div>
      )}
      {report && (
        <>
          <h2 className="govuk-heading-m">What the import did</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>{report.created} partner organisations created</li>
            <li>{report.updated} updated</li>
            <li>{report.unchanged} unchanged</li>
            <li>
              {report.contactsCreated} contacts created, {report.contactsUpdated} updated
            </li>
            <li>{report.refused.length} refused</li>
          </ul>
          {report.refused.length > 0 && (
            <>
              <h3 className="govuk-heading-s">Refused</h3>
              <ul className="govuk-list govuk-list--bullet">
                {report.refused.map((r) => (
                  <li key={r.index}>
                    Organisation {r.index + 1}
                    {r.sourceId ? ` (id ${r.sourceId})` : ''}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="file" label={labels.file} hint="A .json file: it is read here and shown below before anything is sent">
          <input
            className="govuk-file-upload"
            id="file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => void read(e.target.files?.[0])}
            aria-describedby="file-hint"
          />
        </Field>
        <Field
          id="document"
          label={labels.document}
          hint={`The whole document, { "organizations": [...] }, at most ${MAX.toLocaleString('en-GB')} characters`}
          error={errors.fields.document}
        >
          <textarea
            className={`govuk-textarea${errors.fields.document ? ' govuk-textarea--error' : ''}`}
            id="document"
            rows={10}
            spellCheck={false}
            value={directory}
            onChange={(e) => setDirectory(e.target.value)}
            aria-describedby={describedBy('document', true, errors.fields.document)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Import
        </button>
      </form>
    </>
  );
}
