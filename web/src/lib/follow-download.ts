/**
 * Follows a short-lived download link to a file in the evidence bucket. The bucket sends the file as an attachment
 * under its own name, so the browser saves it and the page stays where it is.
 */
export const followDownload = (url: string): void => {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
};
