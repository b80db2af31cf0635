import { describe, expect, it } from 'vitest';
import { parseDescribeTags, parseEc2Error } from './ec2-xml.ts';

// Shapes from the EC2 API reference (DescribeTags response, common error response).
const DESCRIBE_TAGS = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
   <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
   <tagSet>
      <item>
         <resourceId>i-1234567890abcdef0</resourceId>
         <resourceType>instance</resourceType>
         <key>spawn:expires-at</key>
         <value>2030-01-01T00:00:00Z</value>
      </item>
      <item>
         <resourceId>i-1234567890abcdef0</resourceId>
         <resourceType>instance</resourceType>
         <key>Name</key>
         <value>a &amp; b &lt;c&gt; &#233;</value>
      </item>
      <item>
         <resourceId>i-1234567890abcdef0</resourceId>
         <resourceType>instance</resourceType>
         <key>spawn:blank</key>
         <value/>
      </item>
   </tagSet>
   <nextToken>token-2</nextToken>
</DescribeTagsResponse>`;

const ERROR = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>`;

describe('parseDescribeTags', () => {
  it('reads each key and value (unescaped, empty allowed) and the next token', () => {
    expect(parseDescribeTags(DESCRIBE_TAGS)).toEqual({
      tags: [
        { key: 'spawn:expires-at', value: '2030-01-01T00:00:00Z' },
        { key: 'Name', value: 'a & b <c> é' },
        { key: 'spawn:blank', value: '' },
      ],
      nextToken: 'token-2',
    });
  });

  it('an empty tag set, no next token', () => {
    expect(
      parseDescribeTags('<DescribeTagsResponse><requestId>x</requestId><tagSet/></DescribeTagsResponse>'),
    ).toEqual({
      tags: [],
    });
  });
});

describe('parseEc2Error', () => {
  it('reads code, message and request id', () => {
    expect(parseEc2Error(ERROR)).toEqual({
      code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
      requestId: 'ea966190-f9aa-478e-9ede-example',
    });
  });

  it('is undefined for a body that is not an error', () => {
    expect(parseEc2Error(DESCRIBE_TAGS)).toBeUndefined();
  });
});
