/** What a hand-signed request to AWS is signed with (SES, Lambda's Invoke). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Lambda hands a function its role's credentials in environment variables; without them the adapter's own error says
 * the service cannot be reached (`unavailable`), as a refusal by the service would.
 */
export const credentialsFromEnv = (unavailable: (reason: string) => Error) => async (): Promise<AwsCredentials> => {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) throw unavailable('no AWS credentials in the environment');
  return {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
  };
};
