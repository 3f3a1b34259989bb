/**
 * The SES sending identity for the stage's sender address: its domain, with Easy DKIM.
 * The three DKIM CNAME records are stack outputs; add them to the domain's DNS.
 */
import { CfnOutput } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailIdentityProps {
  readonly senderAddress: string;
}

export class MailIdentity extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly domain: string;

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.domain = props.senderAddress.slice(props.senderAddress.lastIndexOf('@') + 1);
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(this.domain),
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    this.identity.dkimRecords.forEach((record, i) => {
      const output = new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} for ${this.domain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
      output.overrideLogicalId(`MailDkimRecord${i + 1}`); // a name docs/operations.md can point to
    });
  }
}
