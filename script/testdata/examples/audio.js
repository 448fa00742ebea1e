// Audio render: a half-second A-major chord with a fade-out, rendered offline
// and saved as a 16-bit WAV file in the user data directory.
const rate = 22050;
const ctx = new OfflineAudioContext(1, rate / 2, rate);
const master = ctx.createGain();
master.gain.setValueAtTime(0.3, 0);
master.gain.linearRampToValueAtTime(0, 0.5);
master.connect(ctx.destination);
for (const f of [440, 554.37, 659.25]) {
  const osc = ctx.createOscillator();
  osc.frequency.value = f;
  osc.connect(master);
  osc.start(0);
}

ctx.startRendering().then((buffer) => {
  const samples = buffer.getChannelData(0);
  const wav = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (at, s) => { for (let i = 0; i < s.length; i++) wav.setUint8(at + i, s.charCodeAt(i)); };
  text(0, 'RIFF'); wav.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVEfmt ');
  wav.setUint32(16, 16, true); wav.setUint16(20, 1, true); wav.setUint16(22, 1, true);
  wav.setUint32(24, rate, true); wav.setUint32(28, rate * 2, true); wav.setUint16(32, 2, true); wav.setUint16(34, 16, true);
  text(36, 'data'); wav.setUint32(40, samples.length * 2, true);
  let energy = 0;
  samples.forEach((s, i) => { energy += s * s; wav.setInt16(44 + i * 2, Math.max(-1, Math.min(1, s)) * 32767, true); });
  const path = `${wx.env.USER_DATA_PATH}/chord.wav`;
  wx.getFileSystemManager().writeFileSync(path, wav.buffer);
  const size = wx.getFileSystemManager().statSync(path).size;
  console.log(`chord.wav ${size} bytes, rms ${Math.sqrt(energy / samples.length).toFixed(2)}`);
});
