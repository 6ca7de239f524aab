/** The accessibility statement, as the Public Sector Bodies Accessibility Regulations 2018 ask of a council's service. */
export function Accessibility() {
  return (
    <>
      <h1 className="govuk-heading-l">Accessibility statement for Safer Libraries</h1>
      <p className="govuk-body">
        This statement covers the Safer Libraries web app, used by library staff, managers, outreach workers, data protection officers and partner
        organisations. The library service that runs it is responsible for it.
      </p>
      <h2 className="govuk-heading-m">How you should be able to use this service</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 200% without the text spilling off the screen, and use it on a phone 320 pixels wide</li>
        <li>get from the start of each page to the end using just a keyboard</li>
        <li>use it with a screen reader, speech recognition software or a screen magnifier</li>
      </ul>
      <p className="govuk-body">It uses the GOV.UK Design System, whose components are tested with assistive technologies.</p>
      <h2 className="govuk-heading-m">Compliance status</h2>
      <p className="govuk-body">
        This service aims to meet the Web Content Accessibility Guidelines version 2.2 AA standard. The pages and states the browser tests visit, including
        error states, are checked with axe-core in Chromium on every change.
      </p>
      <h2 className="govuk-heading-m">Known issues</h2>
      <p className="govuk-body">Some tasks can still be done only through the GraphQL API: they are being added to this app.</p>
      <h2 className="govuk-heading-m">Reporting accessibility problems</h2>
      <p className="govuk-body">
        Tell your library service’s Safer Libraries administrator. If you are not happy with the response, contact the Equality Advisory and Support Service
        (EASS).
      </p>
    </>
  );
}
