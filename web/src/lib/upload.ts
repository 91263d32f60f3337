// Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can).
import { ApiRequestError, isApiError } from "./api-client";

export function uploadWithProgress<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiRequestError(0, "network", "Het uploaden is onderbroken. Controleer uw verbinding en probeer het opnieuw."));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(xhr.response as T);
        return;
      }
      const body: unknown = xhr.response;
      reject(
        isApiError(body)
          ? new ApiRequestError(xhr.status, body.error.code, body.error.message, body.error.fields)
          : new ApiRequestError(xhr.status, "unknown", "Het uploaden is mislukt. Probeer het later opnieuw."),
      );
    };
    xhr.send(form);
  });
}
