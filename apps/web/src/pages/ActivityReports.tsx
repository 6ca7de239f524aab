import { useQuery } from '@apollo/client/react';
import { Scroll } from '../components/forms';
import { BarChart, CountsTable } from '../components/reports';
import { PeriodReportsDocument, type PeriodReportsQuery } from '../graphql/generated';
import { Loading } from './Home';
import { WELFARE } from './Incidents';

/** A month as the API gives it ("2026-11") in words: "November 2026". */
const month = (m: string) => new Date(`${m}-15T12:00:00`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });

/** The bans, partner engagement and staff welfare reports of the period asked for: counts only, as GOV.UK tables. */
export function PeriodReports({ period }: { period: { from: string; to: string } }) {
  const { data, error } = useQuery(PeriodReportsDocument, { variables: { input: period } });
  if (error) return <p className="govuk-body">The bans, partner and staff welfare reports could not be made. Try again.</p>;
  if (!data) return <Loading />;
  return (
    <>
      <BanCounts report={data.banReport} />
      <Engagement report={data.partnerEngagementReport} />
      <Welfare report={data.staffWelfareReport} />
    </>
  );
}

function BanCounts({ report: b }: { report: PeriodReportsQuery['banReport'] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Bans</h2>
      <CountsTable
        caption="Bans and appeals in the period"
        what="Bans"
        rows={[
          ['In force on the last day', b.activeAtEnd],
          ['Issued (confirmed)', b.issued],
          ['Proposed, not confirmed', b.proposedNotConfirmed],
          ['Lifted early', b.lifted],
          ['Ran to their end date', b.ended],
          ['Acceptable behaviour agreements signed', b.behaviourAgreementsSigned],
          ['Appeals lodged', b.appealsLodged],
          ['Appeals awaiting a decision', b.appealsAwaitingDecision],
          ['Appeals upheld', b.appealOutcomes.upheld],
          ['Appeals varied', b.appealOutcomes.varied],
          ['Appeals overturned', b.appealOutcomes.overturned],
        ]}
      />
    </>
  );
}

function Engagement({ report: e }: { report: PeriodReportsQuery['partnerEngagementReport'] }) {
  const months = new Map<string, number>();
  for (const r of e.contactsByMonth) months.set(r.month, (months.get(r.month) ?? 0) + r.contacts);
  const bars = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, count]) => ({ label: month(m), count }));
  return (
    <>
      <h2 className="govuk-heading-m">Partner engagement</h2>
      <p className="govuk-body">{e.totalContacts} contacts with partners in the period.</p>
      {bars.length > 0 && <BarChart id="contacts-chart" title="Contacts with partners per month" bars={bars} />}
      {e.contactsByMonth.length > 0 && (
        <Scroll label="Contacts per partner and month">
          <table className="govuk-table govuk-table--small-text-until-tablet">
            <caption className="govuk-table__caption govuk-table__caption--s">Contacts per partner and month</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Partner
                </th>
                <th scope="col" className="govuk-table__header">
                  Month
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Contacts
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {e.contactsByMonth.map((r) => (
                <tr key={`${r.partnerOrganisationId}|${r.month}`} className="govuk-table__row">
                  <td className="govuk-table__cell">{r.partnerName}</td>
                  <td className="govuk-table__cell">{month(r.month)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.contacts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {e.followUps.length === 0 ? (
        <p className="govuk-body">No follow-up with a partner is open.</p>
      ) : (
        <Scroll label="Open follow-ups per partner">
          <table className="govuk-table govuk-table--small-text-until-tablet">
            <caption className="govuk-table__caption govuk-table__caption--s">Open follow-ups per partner, today</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Partner
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Open
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Overdue
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {e.followUps.map((r) => (
                <tr key={r.partnerOrganisationId} className="govuk-table__row">
                  <td className="govuk-table__cell">{r.partnerName}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.open}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}

function Welfare({ report: w }: { report: PeriodReportsQuery['staffWelfareReport'] }) {
  const answers = new Map(w.checklist.map((c) => [c.item, c]));
  return (
    <>
      <h2 className="govuk-heading-m">Staff welfare</h2>
      <CountsTable
        caption="Debriefs and welfare checks after incidents of the period"
        what="Incidents"
        rows={[
          ['Incidents', w.incidents],
          ['With staff involved', w.incidentsWithStaffInvolved],
          ['Staff involvements', w.staffInvolvements],
          ['Debriefs held', w.debriefsHeld],
          ['Not debriefed', w.notDebriefed],
          ['Welfare checklist done for everyone involved', w.welfareChecksComplete],
          [
            'Median hours to the debrief',
            w.medianHoursToDebrief === null || w.medianHoursToDebrief === undefined ? 'none held' : w.medianHoursToDebrief.toFixed(1),
          ],
        ]}
      />
      <CountsTable
        caption="The welfare checklist: answered yes, of the times asked"
        what="Question"
        counted="Yes, of asked"
        rows={WELFARE.map(([item, question]) => [question, `${answers.get(item)?.yes ?? 0} of ${answers.get(item)?.answered ?? 0}`])}
      />
    </>
  );
}
