/**
 * Finding the ffmpeg installation, checking its version, and the argument profiles Fieldcast
 * runs it with. Processes themselves are owned by the stream supervisors.
 */
package org.fieldcast.ffmpeg;
