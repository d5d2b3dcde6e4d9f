import { HttpReceiver, type ReceiverReply } from './http-receiver.js';

export interface PublishedMessage {
  topic_arn: string;
  message: string;
  subject: string | undefined;
  /** Message attributes by name (string values). */
  attributes: Record<string, string>;
  message_id: string;
}

function xmlError(status: number, code: string, message: string): ReceiverReply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-error</RequestId></ErrorResponse>`,
  };
}

/**
 * A local endpoint speaking the SNS Query protocol for `Publish`: a form-encoded POST in, a
 * `PublishResponse` with a MessageId out. Other actions get an XML `InvalidAction` error.
 */
export class SnsEndpoint {
  readonly published: PublishedMessage[] = [];
  readonly http: HttpReceiver;

  constructor() {
    this.http = new HttpReceiver(({ body }) => {
      const form = new URLSearchParams(body);
      if (form.get('Action') !== 'Publish')
        return xmlError(400, 'InvalidAction', `unsupported action ${form.get('Action')}`);
      const topic = form.get('TopicArn');
      const message = form.get('Message');
      if (!topic || message === null)
        return xmlError(400, 'InvalidParameter', 'TopicArn and Message are required');
      const attributes: Record<string, string> = {};
      for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i += 1) {
        attributes[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] =
          form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
      }
      const messageId = `00000000-0000-4000-8000-${String(this.published.length + 1).padStart(12, '0')}`;
      this.published.push({
        topic_arn: topic,
        message,
        subject: form.get('Subject') ?? undefined,
        attributes,
        message_id: messageId,
      });
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>req-${this.published.length}</RequestId></ResponseMetadata></PublishResponse>`,
      };
    });
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }
}
