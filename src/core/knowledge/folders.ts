/** The knowledge folder's subfolder of drafts (never loaded) and of the curator's own documents. */
export const DRAFTS_FOLDER = 'drafts';
export const LOCAL_CORPUS_FOLDER = 'corpus';
