/**
 * The SES sending identity for the stage's sender address: its domain, with Easy DKIM.
 * The three DKIM CNAME records are stack outputs; add them to the domain's DNS.
 * Every mail goes out through the stage's configuration set, whose bounce and complaint
 * events reach the suppression list's function through EventBridge.
 */
import { CfnOutput } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type { AsyncFailures } from './async-failures';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { resourceName } from './names';

export interface MailIdentityProps {
  readonly stage: string;
  readonly senderAddress: string;
}

/** The EventBridge detail types of the SES events the suppression list reads. */
export const suppressionEventTypes = ['Email Bounced', 'Email Complaint Received'];

export class MailIdentity extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly domain: string;
  readonly configurationSet: ses.ConfigurationSet;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.stage = props.stage;
    this.domain = props.senderAddress.slice(props.senderAddress.lastIndexOf('@') + 1);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: resourceName(props.stage, 'mail'),
      // Bounce and complaint rates per configuration set in CloudWatch (SES reputation).
      reputationMetrics: true,
    });
    this.configurationSet.addEventDestination('SuppressionEvents', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(this.domain),
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      // Also for mail sent without naming it (the functions name it: infra/step-function.ts bindMail).
      configurationSet: this.configurationSet,
    });
    this.identity.dkimRecords.forEach((record, i) => {
      const output = new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} for ${this.domain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
      output.overrideLogicalId(`MailDkimRecord${i + 1}`); // a name docs/operations.md can point to
    });
  }

  /** The configuration set's bounce and complaint events (and no other account's or set's) go to `handler`. */
  sendSuppressionEventsTo(handler: lambda.IFunction, failures: AsyncFailures): void {
    new events.Rule(this, 'SuppressionEventsRule', {
      ruleName: resourceName(this.stage, 'mail-events'),
      description: 'SES bounces and complaints of the stage configuration set: the suppression list',
      eventPattern: {
        source: ['aws.ses'],
        detailType: suppressionEventTypes,
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [failures.target(handler, 8)],
    });
  }
}
