"""A camera that Fieldcast did not write: GStreamer's RTSP server with a live test picture.

Usage: /usr/bin/python3 gst_rtsp_camera.py PORT
Serves rtsp://127.0.0.1:PORT/test (H.264), /h265 (H.265), /aac (H.264 with AAC audio) and /pcma
(H.264 with G.711 A-law audio, as most cameras send), each encoded only while someone watches, on
loopback only, prints READY when it listens, and counts the client sessions it
has seen (printed as "SESSIONS n" whenever a client connects).
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

PIPELINE = (
    "( videotestsrc is-live=true pattern=ball"
    " ! video/x-raw,width=640,height=360,framerate=25/1"
    " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=800"
    " ! rtph264pay name=pay0 pt=96 config-interval=1 )"
)

H265_PIPELINE = (
    "( videotestsrc is-live=true pattern=ball"
    " ! video/x-raw,format=I420,width=640,height=360,framerate=25/1"
    " ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=800"
    " ! rtph265pay name=pay0 pt=96 config-interval=1 )"
)

VIDEO = (
    "videotestsrc is-live=true pattern=ball"
    " ! video/x-raw,width=640,height=360,framerate=25/1"
    " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=800"
    " ! rtph264pay name=pay0 pt=96 config-interval=1"
)
AAC_PIPELINE = (
    "( " + VIDEO + " audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample"
    " ! audio/x-raw,format=S16LE,rate=48000,channels=1 ! voaacenc bitrate=64000 ! rtpmp4gpay name=pay1 pt=97 )"
)
PCMA_PIPELINE = (
    "( " + VIDEO + " audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample"
    " ! audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay1 pt=8 )"
)


def main() -> None:
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(sys.argv[1])
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE)
    factory.set_shared(True)  # one encoder for every client, as a camera has
    server.get_mount_points().add_factory("/test", factory)
    h265 = GstRtspServer.RTSPMediaFactory()
    h265.set_launch(H265_PIPELINE)
    h265.set_shared(True)
    server.get_mount_points().add_factory("/h265", h265)
    for path, launch in (("/aac", AAC_PIPELINE), ("/pcma", PCMA_PIPELINE)):
        with_audio = GstRtspServer.RTSPMediaFactory()
        with_audio.set_launch(launch)
        with_audio.set_shared(True)
        server.get_mount_points().add_factory(path, with_audio)
    sessions = [0]

    def on_client(_server, _client):
        sessions[0] += 1
        print(f"SESSIONS {sessions[0]}", flush=True)

    server.connect("client-connected", on_client)
    if server.attach(None) == 0:
        print("cannot listen", flush=True)
        sys.exit(1)
    print("READY", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
